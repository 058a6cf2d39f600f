/** The port contract on real Univer (headless, the web workbook's model plugins): see univer-harness.ts. */
import { describePortContract } from './port-contract';
import { univerHarness } from './univer-harness';

describePortContract('Univer (web workbook)', () => univerHarness());
