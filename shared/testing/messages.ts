// Agent messages for tests: every field at its "unknown" value unless given.
import { blankMessage, type AgentMessage } from '../traffic';

export function agentMessage(fields: Partial<AgentMessage> = {}): AgentMessage {
  return { ...blankMessage(), ...fields };
}
