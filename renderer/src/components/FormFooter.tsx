// The end of a form: its validation error, the submit button and the last outcome.
export interface FormStatus {
  ok: boolean;
  text: string;
}

export function FormFooter(props: { error: string | null; submitLabel: string; testId: string; status: FormStatus | null }) {
  const { error, submitLabel, testId, status } = props;
  return (
    <>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row gap-sm">
        <button type="submit" className="btn btn-primary btn-sm" disabled={error !== null} data-testid={testId}>
          {submitLabel}
        </button>
        {status && (
          <span className={`small ${status.ok ? 'muted' : 'text-bad'}`} role="status">
            {status.text}
          </span>
        )}
      </div>
    </>
  );
}
