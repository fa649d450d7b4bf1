//! Below the legend: where the data comes from, and the problems found in a custom catalog
//! that did not stop it.

use feature_matrix_core::i18n::Msg;
use feature_matrix_core::Shown;
use yew::prelude::*;

use crate::handle::{Problems, Tr};

/// The page the built-in catalog comes from.
pub const ISTIO_PAGE: &str = "https://istio.io/latest/docs/releases/feature-stages/";

pub struct FooterProps<'a> {
    pub shown: &'a Shown,
    /// The built-in catalog (its provenance links to [`ISTIO_PAGE`]).
    pub built_in: bool,
    pub warnings: &'a Problems,
    pub tr: &'a Tr,
}

/// Where the data comes from (a release's features.yaml at its commit, or the catalog's own
/// words, linked for the built-in page), then the data problems, if any.
pub fn footer(props: &FooterProps<'_>) -> Html {
    let FooterProps { shown, built_in, warnings, tr } = *props;
    let catalog = shown.catalog();
    html! {
        <>
            <p class="fm-source" hidden={shown.data_as_of().is_none() && catalog.provenance.is_empty()}>
                {tr.t(Msg::data_label)}
                if let Some((url, commit, date)) = shown.data_as_of() {
                    {"istio/enhancements "}<a class="fm-link" href={url}>{tr.fill(Msg::data_at, &[("commit", commit)])}</a>{format!(" ({date})")}
                } else if built_in {
                    <a class="fm-link" href={ISTIO_PAGE}>{catalog.provenance.to_string()}</a>
                } else {
                    {catalog.provenance.to_string()}
                }
            </p>
            if !warnings.is_empty() {
                <details class="fm-warnings">
                    <summary>{tr.count(Msg::data_problems, warnings.total, &[])}</summary>
                    <ul class="fm-error-list">
                        { for warnings.lines.iter().map(|w| html! { <li><code>{w.clone()}</code></li> }) }
                    </ul>
                </details>
            }
        </>
    }
}
