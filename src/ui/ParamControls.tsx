import { LOG_SLIDER_STEPS, logSliderPosition, logSliderValue, type ParamSpec, type Schema } from '../lib/params';

interface Props {
  schema: Schema;
  values: Record<string, number | string>;
  onChange: (name: string, value: number | string) => void;
  disabled?: boolean;
  /** Presenter mode hides the advanced controls. */
  hideAdvanced?: boolean;
}

function Field({ name, spec, value, onChange, disabled }: { name: string; spec: ParamSpec; value: number | string; onChange: Props['onChange']; disabled?: boolean }) {
  const id = `param-${name}`;
  const helpId = `${id}-help`;
  if (spec.kind === 'enum') {
    return (
      <div className="field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} name={name} value={String(value)} disabled={disabled} aria-describedby={helpId} onChange={(e) => onChange(name, e.target.value)}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <small id={helpId}>{spec.help}</small>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
        min={spec.min}
        max={spec.max}
        step={spec.step ?? (spec.kind === 'int' ? 1 : 'any')}
        value={value}
        disabled={disabled}
        aria-describedby={helpId}
        onChange={(e) => {
          if (e.target.value !== '' && Number.isFinite(e.target.valueAsNumber)) onChange(name, e.target.valueAsNumber);
        }}
      />
      {spec.scale === 'log' && (
        // a second control for the same value: over decades a slider by log(value) is what a hand can steer
        <input
          type="range"
          className="log-slider"
          aria-label={`${spec.label}, log scale`}
          aria-valuetext={String(value)}
          min={0}
          max={LOG_SLIDER_STEPS}
          step={1}
          value={logSliderPosition(spec, Number(value))}
          disabled={disabled}
          onChange={(e) => onChange(name, logSliderValue(spec, e.target.valueAsNumber))}
        />
      )}
      <small id={helpId}>
        {spec.help} ({spec.min}–{spec.max})
      </small>
    </div>
  );
}

/** One labelled, keyboard-usable input per schema field. */
export function ParamControls({ schema, values, onChange, disabled, hideAdvanced }: Props) {
  return (
    <fieldset className="params" disabled={disabled}>
      <legend>Parameters</legend>
      {Object.entries(schema)
        .filter(([, spec]) => !(hideAdvanced && spec.advanced))
        .map(([name, spec]) => (
          <Field key={name} name={name} spec={spec} value={values[name]} onChange={onChange} disabled={disabled} />
        ))}
    </fieldset>
  );
}
