//! The component mounted into a placeholder: the matrix, or, when the instance's custom
//! catalog is invalid, an error that says what is wrong, inside the widget's own box.

use std::rc::Rc;

use yew::prelude::*;

use feature_matrix_core::i18n::Msg;

use super::matrix::{FeatureMatrix, MatrixProps};
use crate::handle::{Problems, Tr};

/// What an instance shows.
#[derive(Clone, PartialEq)]
pub enum Source {
    Ready(Rc<MatrixProps>),
    /// The catalog did not validate: what is wrong with it.
    Invalid {
        id_prefix: AttrValue,
        problems: Rc<Problems>,
        tr: Tr,
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
        Source::Invalid { id_prefix, problems, tr } => {
            let n = problems.total;
            html! {
                <section class="fm fm--error" id={id_prefix.clone()} aria-label={tr.t(Msg::error_label)} lang={tr.lang()}>
                    <div class="fm-error" role="alert">
                        <p class="fm-error-title">
                            {tr.count(Msg::error_title, n, &[])}
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
