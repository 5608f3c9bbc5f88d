// One labelled, keyboard-usable control per schema field. Typed fields keep a draft: what is typed
// stays as typed until Enter or blur commits it, then the demo validates it and names any problem
// beside the field (Escape puts the committed value back). Choices (select, switch, log slider)
// commit at once: every position they offer is valid.

import { useEffect, useState, type KeyboardEvent } from 'react';
import { LOG_SLIDER_STEPS, logSliderPosition, logSliderValue, type EnumSpec, type NumberSpec, type ParamSpec, type Schema, type TextSpec, type ToggleSpec } from '../lib/params';

/** Commits a raw value for a field: null when it was taken, else the problem in words. */
export type CommitParam = (name: string, raw: string) => string | null;

interface Props {
  schema: Schema;
  values: Record<string, number | string>;
  onCommit: CommitParam;
  /** Problems with values that came from the link, by field (shown beside the field too). */
  linkIssues?: Record<string, string>;
  /** Presenter mode hides the advanced controls. */
  hideAdvanced?: boolean;
  /** Fields shown elsewhere and not editable here (presenter mode pins the seed in the header). */
  pinned?: readonly string[];
}

interface FieldProps<T extends ParamSpec> {
  name: string;
  spec: T;
  value: number | string;
  onCommit: CommitParam;
}

const ids = (name: string) => ({ id: `param-${name}`, help: `param-${name}-help`, error: `param-${name}-error` });

function FieldMessage({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert" data-testid={id}>
      {message}
    </p>
  );
}

/** A typed field's draft: kept as typed until Enter or blur commits it; Escape restores the committed value. */
function useDraft(name: string, value: number | string, onCommit: CommitParam) {
  const committed = String(value);
  const [draft, setDraft] = useState(committed);
  const [error, setError] = useState<string | null>(null);
  // a value committed from elsewhere (the log slider, a tutorial step, the URL) replaces the draft
  useEffect(() => {
    setDraft(committed);
    setError(null);
  }, [committed]);

  const commit = () => {
    if (draft === committed && !error) return;
    setError(onCommit(name, draft));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setDraft(committed);
      setError(null);
    }
  };
  return { committed, draft, setDraft, error, commit, onKeyDown };
}

function NumberField({ name, spec, value, onCommit, linkIssue }: FieldProps<NumberSpec> & { linkIssue?: string }) {
  const { id, help, error: errorId } = ids(name);
  const { committed, draft, setDraft, error, commit, onKeyDown } = useDraft(name, value, onCommit);
  const message = error ?? linkIssue;
  return (
    <div className={`field ${message ? 'invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
        min={spec.min}
        max={spec.max}
        step={spec.step ?? (spec.kind === 'int' ? 1 : 'any')}
        value={draft}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${errorId} ${help}` : help}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {spec.scale === 'log' && (
        // a second control for the same value: over decades a slider by log(value) is what a hand can steer
        <input
          type="range"
          className="log-slider"
          aria-label={`${spec.label}, log scale`}
          aria-valuetext={committed}
          min={0}
          max={LOG_SLIDER_STEPS}
          step={1}
          value={logSliderPosition(spec, Number(value))}
          onChange={(e) => onCommit(name, String(logSliderValue(spec, e.target.valueAsNumber)))}
        />
      )}
      <FieldMessage id={errorId} message={message} />
      <small id={help}>
        {spec.help} ({spec.min}–{spec.max})
      </small>
    </div>
  );
}

function TextField({ name, spec, value, onCommit, linkIssue }: FieldProps<TextSpec> & { linkIssue?: string }) {
  const { id, help, error: errorId } = ids(name);
  const { draft, setDraft, error, commit, onKeyDown } = useDraft(name, value, onCommit);
  const message = error ?? linkIssue;
  return (
    <div className={`field text ${message ? 'invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name={name}
        type="text"
        spellCheck={false}
        autoComplete="off"
        maxLength={spec.maxLength}
        value={draft}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${errorId} ${help}` : help}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <FieldMessage id={errorId} message={message} />
      <small id={help}>{spec.help}</small>
    </div>
  );
}

function EnumField({ name, spec, value, onCommit, linkIssue }: FieldProps<EnumSpec> & { linkIssue?: string }) {
  const { id, help, error: errorId } = ids(name);
  // a choice every option of which is valid alone can still break a rule across fields (a typed
  // target left empty): the refusal is named here and the committed value stays selected
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [value]);
  const message = error ?? linkIssue;
  return (
    <div className={`field ${message ? 'invalid' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <select id={id} name={name} value={String(value)} aria-invalid={message ? true : undefined} aria-describedby={message ? `${errorId} ${help}` : help} onChange={(e) => setError(onCommit(name, e.target.value))}>
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId} message={message} />
      <small id={help}>{spec.help}</small>
    </div>
  );
}

function ToggleField({ name, spec, value, onCommit, linkIssue }: FieldProps<ToggleSpec> & { linkIssue?: string }) {
  const { id, help, error: errorId } = ids(name);
  // as a choice: a switch that would break a rule across fields (every part off) is refused and named
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [value]);
  const message = error ?? linkIssue;
  return (
    <div className={`field toggle ${message ? 'invalid' : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          name={name}
          type="checkbox"
          role="switch"
          checked={value === 'on'}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${errorId} ${help}` : help}
          onChange={(e) => setError(onCommit(name, e.target.checked ? 'on' : 'off'))}
        />{' '}
        {spec.label}
      </label>
      <FieldMessage id={errorId} message={message} />
      <small id={help}>{spec.help}</small>
    </div>
  );
}

function Field(props: FieldProps<ParamSpec> & { linkIssue?: string }) {
  const { spec } = props;
  if (spec.kind === 'enum') return <EnumField {...props} spec={spec} />;
  if (spec.kind === 'toggle') return <ToggleField {...props} spec={spec} />;
  if (spec.kind === 'text') return <TextField {...props} spec={spec} />;
  return <NumberField {...props} spec={spec} />;
}

export function ParamControls({ schema, values, onCommit, linkIssues = {}, hideAdvanced, pinned = [] }: Props) {
  return (
    <fieldset className="params">
      <legend>Parameters</legend>
      {Object.entries(schema)
        .filter(([name, spec]) => !(hideAdvanced && spec.advanced) && !pinned.includes(name))
        .map(([name, spec]) => (
          <Field key={name} name={name} spec={spec} value={values[name]} onCommit={onCommit} linkIssue={linkIssues[name]} />
        ))}
    </fieldset>
  );
}
