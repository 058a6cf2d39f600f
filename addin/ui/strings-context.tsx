import { createContext, useContext, type ReactNode } from 'react';
import { zhCN, type UiStrings } from '../i18n/zh-CN';

const StringsContext = createContext<UiStrings>(zhCN);

export function StringsProvider({ strings, children }: { strings: UiStrings; children: ReactNode }) {
  return <StringsContext.Provider value={strings}>{children}</StringsContext.Provider>;
}

export function useStrings(): UiStrings {
  return useContext(StringsContext);
}
