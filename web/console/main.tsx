/** The bureau console (served by the API server at /console/): set-up, progress, numbers. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <ConsoleApp />
  </FluentProvider>,
);
