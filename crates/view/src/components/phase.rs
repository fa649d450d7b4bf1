//! How a phase is drawn everywhere: a glyph beside the label (so phase never relies on
//! colour alone), as a plain badge or as a link to the phase's definition in the legend.

use feature_matrix_core::search::Term;
use feature_matrix_core::Phase;
use yew::prelude::*;

use super::highlight::highlighted;
use feature_matrix_core::i18n::{Messages, Msg};

use crate::ids;

/// The glyph shown beside a phase label.
pub fn phase_glyph(phase: Phase) -> &'static str {
    match phase {
        Phase::Experimental => "◌",
        Phase::Alpha => "○",
        Phase::Beta => "◐",
        Phase::Stable => "●",
        Phase::Deprecated => "⊘",
    }
}

/// Appends a phase badge that is not a link (legend, history, changes) as markup (see
/// `markup`): glyph and label.
pub fn write_phase_label(out: &mut String, phase: Phase) {
    out.push_str("<span class=\"fm-badge fm-badge--");
    out.push_str(phase.slug());
    out.push_str("\"><span class=\"fm-glyph\" aria-hidden=\"true\">");
    out.push_str(phase_glyph(phase));
    out.push_str("</span>");
    out.push_str(phase.label());
    out.push_str("</span>");
}

/// A phase badge that is not a link (legend, history, changes): glyph and label.
pub fn phase_label(phase: Phase) -> Html {
    let mut out = String::new();
    write_phase_label(&mut out, phase);
    super::markup::markup(out)
}

/// A phase badge that leads to the phase's definition in the legend.
pub fn phase_badge(phase: Phase, ns: &str, terms: &[Term], on_define: &Callback<Phase>, m: &Messages) -> Html {
    let on_define = on_define.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        on_define.emit(phase);
    });
    html! {
        <a class={classes!("fm-badge", format!("fm-badge--{}", phase.slug()))}
           href={format!("#{}", ids::definition(ns, phase))}
           title={m.fill(Msg::phase_meaning, &[("phase", phase.label())])}
           {onclick}>
            <span class="fm-glyph" aria-hidden="true">{phase_glyph(phase)}</span>
            {highlighted(phase.label(), terms)}
        </a>
    }
}
