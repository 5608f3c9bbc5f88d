// A demo folder's index.ts is one defineDemo({...}) call: from the schema (and its cross-field
// rules) it derives link parsing, typed-edit validation and the run store, so that a demo declares
// what it is and nothing else. The registry (src/registry.ts) finds the folders by itself.

import type { ComponentType } from 'react';
import type { ComputeState, DemoMeta, TutorialStep } from '../lib/demo';
import { editParam, parseParams, type ParamValues, type ParsedParams, type Refine, type Schema } from '../lib/params';
import type { DemoScript } from '../lib/pythonScript';
import type { DemoResults, MetricMap, SeriesMap } from '../lib/results';
import type { RunControl } from '../lib/schedule';
import { createDemoStore, type DemoStore } from './demoStore';

export interface DemoViewProps<R> {
  results: R;
  /**
   * Commits one parameter typed or dragged in the view (a motif segment moved along its track), as
   * the controls do: null when taken, else the problem in words. Absent where a view is only shown.
   */
  edit?: (name: string, raw: string) => string | null;
  /**
   * The parameters the demo's `viewFollows` names, as they are now (results.params are the ones the
   * shown results were made with). Absent where the view follows none.
   */
  current?: Record<string, number | string>;
}

export interface DemoDefinition<S extends Schema, R extends DemoResults<ParamValues<S>, SeriesMap, MetricMap>> {
  /** The card; its headline chart names a series of R, checked here. */
  meta: DemoMeta<R['series']>;
  schema: S;
  /** Rules across fields (s ≤ p): a link's broken rule is fixed and named, a typed one refused. */
  refine?: Refine<ParamValues<S>>;
  run: (params: ParamValues<S>, compute: ComputeState, control: RunControl<R>) => Promise<R>;
  View: ComponentType<DemoViewProps<R>>;
  /**
   * Parameters the view draws as they are edited, before any run (DPLM's motif track). The view
   * re-renders on a committed edit only when one of these changed: a view full of charts must not
   * redraw them all for every field typed into.
   */
  viewFollows?: readonly (keyof ParamValues<S> & string)[];
  tutorial: readonly TutorialStep<ParamValues<S>, R>[];
  /** "Export as a script": the demo's method in Python and the numbers that must agree with the page's. */
  script?: DemoScript<ParamValues<S>, R>;
}

export interface DemoModule<S extends Schema, R extends DemoResults<ParamValues<S>, SeriesMap, MetricMap>> extends DemoDefinition<S, R> {
  /** Parameters from a link or a partial object: defaults for what is missing, an issue per bad field. */
  parse: (raw: Record<string, unknown>) => ParsedParams<S>;
  useStore: DemoStore<ParamValues<S>, R>;
}

/**
 * A demo of any schema and results, as the registry and the page hold it. The page only hands a
 * module's own values back to the same module, so its parts never meet another demo's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDemoModule = DemoModule<any, any>;

export function defineDemo<S extends Schema, R extends DemoResults<ParamValues<S>, SeriesMap, MetricMap>>(definition: DemoDefinition<S, R>): DemoModule<S, R> {
  const { schema, refine, run } = definition;
  const parse = (raw: Record<string, unknown>) => parseParams(schema, raw, refine);
  const useStore = createDemoStore<ParamValues<S>, R>({
    parse,
    edit: (values, name, raw) => editParam(schema, values, name, raw, refine),
    run,
  });
  return { ...definition, parse, useStore };
}
