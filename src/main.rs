//! Entry point of the wasm binary: mounts a widget into every `[data-feature-matrix]`
//! element of the page.

fn main() {
    feature_matrix::mount::mount_all();
}
