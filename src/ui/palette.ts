// Every colour a chart uses to tell things apart comes from here. The categorical colours are Okabe
// & Ito's (2008, "Color Universal Design"), chosen to stay apart for viewers with any of the common
// colour-vision deficiencies: palette.test.ts simulates protanopia, deuteranopia and tritanopia
// (Machado et al. 2009) and holds every pair of SERIES at least CVD_MIN_DELTA_E apart in CIELAB.
// Greys (equal red, green and blue) need no entry: they tell nothing apart by hue.

export const OKABE_ITO = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  bluishGreen: '#009E73',
  orange: '#E69F00',
  reddishPurple: '#CC79A7',
  skyBlue: '#56B4E9',
  black: '#000000',
  yellow: '#F0E442',
} as const;

/** Colours for series in the order charts take them (yellow left out: too light on white). */
export const SERIES: readonly string[] = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black];

/** A baseline, a reference or "the rest": a grey, kept out of SERIES (and drawn dashed where it sits beside one). */
export const NEUTRAL = '#7f7f7f';

/** The smallest CIELAB ΔE*ab between two SERIES colours under any simulated deficiency: about 10 tells lines apart at a glance. */
export const CVD_MIN_DELTA_E = 10;

/** `hex` mixed with white: `amount` 0 is the colour, 1 is white (backgrounds under text). */
export function tint(hex: string, amount: number): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(c + (255 - c) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
