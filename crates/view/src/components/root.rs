//! The component mounted into a placeholder: the matrix, or, when the instance's custom
//! catalog is invalid, an error that says what is wrong, inside the widget's own box.

use std::rc::Rc;

use yew::prelude::*;

use feature_matrix_core::validate::thousands;

use super::matrix::{FeatureMatrix, MatrixProps};
use crate::handle::Problems;

/// What an instance shows.
#[derive(Clone, PartialEq)]
pub enum Source {
    Ready(Rc<MatrixProps>),
    /// The catalog did not validate: what is wrong with it.
    Invalid {
        id_prefix: AttrValue,
        problems: Rc<Problems>,
    },
    /// Nothing: an instance that was destroyed, kept for reuse.
    Empty,
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    pub source: Source,
}

#[function_component(Root)]
pub fn root(props: &RootProps) -> Html {
    match &props.source {
        Source::Ready(p) => html! { <FeatureMatrix ..(**p).clone() /> },
        Source::Empty => Html::default(),
        Source::Invalid { id_prefix, problems } => {
            let n = problems.total;
            html! {
                <section class="fm fm--error" id={id_prefix.clone()} aria-label="Feature matrix (catalog error)">
                    <div class="fm-error" role="alert">
                        <p class="fm-error-title">
                            {format!("This feature table cannot be shown: its catalog has {} problem{}.", thousands(n), if n == 1 { "" } else { "s" })}
                        </p>
                        <ul class="fm-error-list">
                            { for problems.lines.iter().map(|p| html! { <li><code>{p.clone()}</code></li> }) }
                        </ul>
                    </div>
                </section>
            }
        }
    }
}
