// Finding the project's containers by compose labels (never by name), so stacks
// started by docker compose v1/v2 or by us are all the same stack.
import type Dockerode from 'dockerode';
import { L, projectFilter } from './labels';

export type ContainerSummary = Dockerode.ContainerInfo;

/** The project's non one-off containers, grouped by service (newest first). */
export async function projectContainers(docker: Dockerode, project: string): Promise<Map<string, ContainerSummary[]>> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify(projectFilter(project)) });
  const by = new Map<string, ContainerSummary[]>();
  for (const c of list.sort((a, b) => b.Created - a.Created)) {
    if ((c.Labels?.[L.oneoff] ?? 'False') === 'True') continue;
    const svc = c.Labels?.[L.service];
    if (!svc) continue;
    const arr = by.get(svc) ?? [];
    arr.push(c);
    by.set(svc, arr);
  }
  return by;
}
