// Not a contestant: the vanilla floor with a case-sensitive search, which shows the wrong
// rows for "proxying" (the data says "Proxy"). The quick run checks that the correctness
// gate reports it as failed, so a passing gate means something.
import { makeVanilla } from './vanilla.mjs';

export default makeVanilla({ caseSensitive: true });
