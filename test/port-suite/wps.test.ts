/** The port contract on the WPS stand-in: a build with plain properties and one with methods-as-properties. */
import { describePortContract } from './port-contract';
import { wpsHarness } from './wps-harness';

describePortContract('WPS stand-in, properties', () => wpsHarness(false));
describePortContract('WPS stand-in, methods-as-properties', () => wpsHarness(true));
