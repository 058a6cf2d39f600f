export { RemoteSection, type RemoteSectionProps } from './RemoteSection';
