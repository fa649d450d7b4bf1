// feature-matrix built with stable Rust (`target/dist-stable/`, written by the test command and
// by `cargo xtask bench`): the same adapter as ours.mjs, so one run compares the shipped
// nightly build with the stable one.
import { ours } from './ours.mjs';

export default ours('target/dist-stable', '/dist-stable');
