import type { FilterForm } from './filters';

export function MessageFilters({ value, onChange }: { value: FilterForm; onChange: (f: FilterForm) => void }) {
  const field = (key: 'agent' | 'eventType' | 'topic' | 'tenant' | 'channelName', label: string) => (
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
      {field('channelName', '#channel')}
      {field('tenant', 'Tenant')}
      <label className="filter">
        <span className="visually-hidden">Visibility</span>
        <select
          value={value.visibility}
          onChange={(e) => onChange({ ...value, visibility: e.target.value as FilterForm['visibility'] })}
          data-testid="filter-visibility"
        >
          <option value="">Public and direct</option>
          <option value="public">Public only</option>
          <option value="direct">Direct only</option>
        </select>
      </label>
      <label className="filter">
        <span className="visually-hidden">Sender type</span>
        <select
          value={value.actorType}
          onChange={(e) => onChange({ ...value, actorType: e.target.value as FilterForm['actorType'] })}
          data-testid="filter-actorType"
        >
          <option value="">Any sender</option>
          <option value="agent">Agents</option>
          <option value="human">Humans</option>
          <option value="system">System</option>
        </select>
      </label>
      <label className="filter grow">
        <span className="visually-hidden">Text</span>
        <input
          type="search"
          placeholder={value.regex ? 'Regular expression' : 'Search content'}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          data-testid="filter-text"
          data-shortcut="search"
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
