// The one part of jStat (MIT, npm `jstat`) the evaluator uses: the χ² distribution's CDF.
declare module 'jstat' {
  const jStat: { chisquare: { cdf(x: number, degreesOfFreedom: number): number } };
  export default jStat;
}
