// A row of radio buttons drawn as one segmented control (theme, replay speed, time
// range): one name, one checked value, a test id per option.
export function Segmented<T extends string>({
  label,
  name,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  name: string;
  options: readonly { value: T; label: string }[];
  /** The checked option; null checks none (a range chosen by hand). */
  value: T | null;
  onChange: (v: T) => void;
  /** Each option's test id is `${testId}-${value}`. */
  testId: string;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o.value} className="seg">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            data-testid={`${testId}-${o.value}`}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}
