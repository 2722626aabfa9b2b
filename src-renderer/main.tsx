import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { wordApiErrorsWith } from './api';
import { App } from './App';
import { wordApiError } from './i18n/api-errors';
import { useUiStore } from './stores/ui';
import './styles.css';

// The boundary's own errors are worded once here, for every screen: the API client sits below the dictionaries.
wordApiErrorsWith((code, params) => wordApiError(code, params, useUiStore.getState().language));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
