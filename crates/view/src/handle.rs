//! Shared, never-copied values passed as props, compared by pointer: the page catalog and
//! the catalog on screen (a core `Shown`: catalog, search index and history together).

use std::rc::Rc;

use feature_matrix_core::{Catalog, Shown};

/// A shared catalog (the built-in one or a custom one). Props compare it by pointer.
#[derive(Clone, Debug)]
pub struct CatalogHandle(pub Rc<Catalog>);

impl PartialEq for CatalogHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The catalog on screen with its index and history. Props compare it by pointer.
#[derive(Clone, Debug)]
pub struct ShownHandle(pub Rc<Shown>);

impl PartialEq for ShownHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
