import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/create-api';
import { App } from './App';
import { StoreContext } from './state/context';
import { DashboardStore } from './state/store';
import './styles/tokens.css';
import './styles/app.css';

const store = new DashboardStore(createApi());
store.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
