// React access to the store: components select the slice they need and re-render
// only when that slice changes.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DashboardState, DashboardStore } from './store';

export const StoreContext = createContext<DashboardStore | null>(null);

export function useStoreInstance(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext is missing: wrap the app in <StoreContext.Provider>.');
  return store;
}

export function useDashboard<T>(select: (s: DashboardState) => T): T {
  const store = useStoreInstance();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
