/** The public certificate look-up page (served by the API server at /lookup/). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../../addin/app/remote/api-client';
import { LookupApp } from './LookupApp';
import { initialMode } from './look-up-text';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
// Same origin as the API; `?server=` for a page hosted elsewhere.
const given = new URLSearchParams(window.location.search).get('server');
const api = createApiClient({
  baseUrl: given && /^https?:\/\//.test(given) ? given : '',
  fetchImpl: (input, init) => window.fetch(input, init),
  getToken: () => null,
});
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <LookupApp lookUp={api.lookUp} initialMode={initialMode(window.location.search)} />
  </FluentProvider>,
);
