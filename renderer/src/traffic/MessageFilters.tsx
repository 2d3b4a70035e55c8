import type { FilterForm } from './filters';

export function MessageFilters({ value, onChange }: { value: FilterForm; onChange: (f: FilterForm) => void }) {
  const field = (key: 'agent' | 'eventType' | 'topic', label: string) => (
    <label className="filter">
      <span className="visually-hidden">{label}</span>
      <input
        placeholder={label}
        value={value[key]}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        data-testid={`filter-${key}`}
      />
    </label>
  );
  return (
    <div className="filters" role="search" aria-label="Filter messages">
      {field('agent', 'Agent')}
      {field('eventType', 'Event type')}
      {field('topic', 'Topic')}
      <label className="filter grow">
        <span className="visually-hidden">Text</span>
        <input
          type="search"
          placeholder={value.regex ? 'Regular expression' : 'Search content'}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          data-testid="filter-text"
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={value.regex}
          onChange={(e) => onChange({ ...value, regex: e.target.checked })}
          data-testid="filter-regex"
        />
        Regex
      </label>
    </div>
  );
}
