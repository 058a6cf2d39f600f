import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { UiStrings } from '../i18n/zh-CN';
import { StringsProvider } from './strings-context';

/** Theme and language come from Office (read in main.tsx) and arrive here as plain data. */
export function PaneRoot({
  dark,
  strings,
  children,
}: {
  dark: boolean;
  strings: UiStrings;
  children: ReactNode;
}) {
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? 'dark' : 'light'}>
      <StringsProvider strings={strings}>{children}</StringsProvider>
    </FluentProvider>
  );
}
