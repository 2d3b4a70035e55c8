// The images the stack runs, with their sizes on the engine: what Remove keeps, and
// what a Rebuild replaces.
import { useEffect, useState } from 'react';
import type { StackImage } from '../../../shared/stack';
import { useStoreInstance } from '../state/context';
import { formatBytes } from './state-badge';

export function StackImages({ version }: { version: string }) {
  const { api } = useStoreInstance();
  const [images, setImages] = useState<StackImage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void api.invoke('stack.images', {}).then((r) => {
      if (!alive) return;
      if (r.ok) setImages(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [api, version]);
  return (
    <section className="card" aria-labelledby="images-title" data-testid="stack-images">
      <h2 id="images-title" className="card-title">
        Images
      </h2>
      {error && <p className="callout tone-bad small">{error}</p>}
      {images && (
        <table className="images-table small">
          <thead>
            <tr>
              <th>Image</th>
              <th>Services</th>
              <th>Size</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {images.map((i) => (
              <tr key={i.image} data-testid="stack-image">
                <td className="mono">{i.image}</td>
                <td>{i.services.join(', ')}</td>
                <td data-testid="stack-image-size">{i.sizeBytes === null ? 'not on the engine yet' : formatBytes(i.sizeBytes)}</td>
                <td>{i.built ? 'built here' : 'pulled'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
