/** The pane's round trip with the bureau's server (see controller.ts). */
export { createRemoteController, type RemoteActions, type RemoteController, type RemoteControllerOptions } from './controller';
export { createApiClient, RemoteError, type ApiClient, type FetchLike } from './api-client';
export { memoryStorage, officePartitionKey, type KeyValueStorage } from './session-store';
export { STATUS_LABEL, ROLE_LABEL, type RemoteState, type RemoteTask, type RemoteMessage, type OwnSubmission } from './state';
