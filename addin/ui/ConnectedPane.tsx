import { useSyncExternalStore, type ReactNode } from 'react';
import type { PaneController } from '../app/controller';
import { Pane } from './Pane';

/** Binds the controller's state to the pane; the controller itself is plain TypeScript. */
export function ConnectedPane({
  controller,
  children,
}: {
  controller: PaneController;
  children?: ReactNode;
}) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return (
    <Pane state={state} actions={controller}>
      {children}
    </Pane>
  );
}
