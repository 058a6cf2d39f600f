/** The public certificate look-up page (served by the API server at /lookup/). */
import { createRoot } from 'react-dom/client';
import { createLookUp } from './look-up-client';
import { LookupApp } from './LookupApp';
import { initialMode } from './look-up-text';
import './lookup.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
// Same origin as the API; `?server=` for a page hosted elsewhere.
const given = new URLSearchParams(window.location.search).get('server');
const lookUp = createLookUp(given && /^https?:\/\//.test(given) ? given : '', (input, init) => window.fetch(input, init));
createRoot(container).render(<LookupApp lookUp={lookUp} initialMode={initialMode(window.location.search)} />);
