/**
 * The validation worker (Vite bundles it from `new Worker(new URL('./validation-worker.ts', …))` in
 * main.tsx): owns the core's live session so a 50,000-row check never blocks the pane's thread.
 */
import { createCoreEngine } from './core-engine';
import { createRequestHandler, errorData, type EngineRequest, type EngineResponse } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse): void;
}

const scope = self as unknown as WorkerScope;
const handle = createRequestHandler(createCoreEngine());

scope.onmessage = (event) => {
  // The handler never rejects; requests run in arrival order (each one's core work is synchronous).
  void handle(event.data).then((response) => {
    try {
      scope.postMessage(response);
    } catch (error) {
      scope.postMessage({ id: response.id, ok: false, error: errorData(error) });
    }
  });
};
