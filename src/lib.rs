//! The feature-matrix widget as a WebAssembly module: the JavaScript API (`mount`,
//! `mountAll`, handles with `destroy()`) over the Yew view in `feature_matrix_view`.
//! Nothing else lives here, so the release build links one crate with full LTO.

pub mod mount;
