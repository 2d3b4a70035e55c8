// The message filter form -> the core's MessageQuery. Filtering runs in the core
// over its whole buffer; the UI only maps and debounces.
import type { MessageQuery } from '../../../shared/traffic';

export interface FilterForm {
  agent: string;
  eventType: string;
  topic: string;
  /** '' (any), public or direct. */
  visibility: '' | 'public' | 'direct';
  /** '' (any), agent, human or system. */
  actorType: '' | 'agent' | 'human' | 'system';
  tenant: string;
  channelName: string;
  text: string;
  regex: boolean;
}

export const EMPTY_FILTERS: FilterForm = {
  agent: '',
  eventType: '',
  topic: '',
  visibility: '',
  actorType: '',
  tenant: '',
  channelName: '',
  text: '',
  regex: false,
};

/** Newest matches fetched for display; the count is over the whole buffer. */
export const QUERY_LIMIT = 10_000;

export function filtersToQuery(f: FilterForm, limit = QUERY_LIMIT): MessageQuery | null {
  const q: MessageQuery = {};
  const agent = f.agent.trim();
  const eventType = f.eventType.trim();
  const topic = f.topic.trim();
  if (agent) q.agent = agent;
  if (eventType) q.eventType = eventType;
  if (topic) q.topic = topic;
  if (f.visibility) q.visibility = f.visibility;
  if (f.actorType) q.actorType = f.actorType;
  const tenant = f.tenant.trim();
  const channelName = f.channelName.trim().replace(/^#/, '');
  if (tenant) q.tenant = tenant;
  if (channelName) q.channelName = channelName;
  if (f.text) {
    q.text = f.text;
    if (f.regex) q.regex = true;
  }
  if (Object.keys(q).length === 0) return null;
  q.limit = limit;
  return q;
}

/** A regex the user typed that the core would reject: say so before asking. */
export function regexError(f: FilterForm): string | null {
  if (!f.regex || !f.text) return null;
  try {
    new RegExp(f.text);
    return null;
  } catch (err) {
    // The browser's message already starts with these words: say them once.
    return `Invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression:\s*/i, '')}`;
  }
}
