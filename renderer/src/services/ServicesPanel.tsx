import { EngineUnavailable } from '../components/EngineStatus';
import { useDashboard } from '../state/context';
import { ServiceCard } from './ServiceCard';
import { StackChoice } from './StackChoice';
import { StackImages } from './StackImages';
import { TrafficCard } from './TrafficCard';

export function ServicesPanel() {
  const stack = useDashboard((s) => s.stack);
  const engine = useDashboard((s) => s.engine);
  const probe = useDashboard((s) => s.probe);
  if (engine?.status === 'unavailable') return <EngineUnavailable engine={engine} />;
  if (!stack) return <p className="muted">Loading the stack…</p>;
  const notCreated = stack.services.length > 0 && stack.services.every((s) => s.status === 'absent') && !stack.operation;
  return (
    <div>
      <StackChoice />
      {notCreated && (
        <div className="empty" data-testid="stack-not-created">
          <strong>Stack not created — press Start</strong>
          <p className="muted">
            The containers for {stack.project} do not exist yet. Start stack pulls or builds the images and creates them.
          </p>
        </div>
      )}
      <div className="cards">
        {stack.services.map((s) => (
          <ServiceCard key={s.name} service={s} probe={probe} busy={stack.operation !== null} />
        ))}
        <TrafficCard />
      </div>
      <StackImages version={stack.services.map((s) => `${s.name}:${s.containerId ?? '-'}`).join(',')} />
    </div>
  );
}
