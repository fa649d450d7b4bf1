//! The collapsible phase-definitions legend (phases as columns, aspects as rows). Its content
//! is markup (see `markup`): a few hundred nodes that only change when a phase is defined.

use feature_matrix_core::links::resolve;
use feature_matrix_core::options::LegendMode;
use feature_matrix_core::{Inline, Legend, Phase};
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

use super::markup::{escape, markup};
use super::phase::write_phase_label;
use feature_matrix_core::i18n::Msg;

use crate::handle::Tr;
use crate::ids;

pub struct LegendProps<'a> {
    pub mode: LegendMode,
    pub legend: &'a Legend,
    pub id_prefix: AttrValue,
    pub docs_base: AttrValue,
    pub open: bool,
    /// The phase whose definition the reader asked for, highlighted.
    pub defined: Option<Phase>,
    pub on_toggle: Callback<bool>,
    pub tr: Tr,
}

/// The collapsible phase-definitions legend; nothing when hidden or when it defines no phase.
pub fn phase_legend(props: &LegendProps<'_>) -> Html {
    let legend = props.legend;
    if legend.phases.is_empty() || props.mode == LegendMode::Hidden {
        return Html::default();
    }
    let ontoggle = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |e: Event| on_toggle.emit(e.target_unchecked_into::<HtmlDetailsElement>().open()))
    };
    let mut out = String::new();
    // `<tag` and its class: `class` and the phase's column (`fm-def-<phase>`; the legend's
    // class names the phase asked for, so the content never changes when one is defined and
    // focus can move into it at once).
    let open = |out: &mut String, tag: &str, class: &str, p: Phase| {
        out.push('<');
        out.push_str(tag);
        out.push_str(" class=\"");
        out.push_str(class);
        out.push_str("fm-def-");
        out.push_str(p.slug());
        out.push('"');
    };
    // A phase's heading: its definition, which badges link to.
    let heading = |out: &mut String, tag: &str, attrs: &str, p: Phase| {
        open(out, tag, "fm-legend-phase ", p);
        out.push_str(attrs);
        out.push_str(" id=\"");
        escape(out, &ids::definition(&props.id_prefix, p));
        out.push_str("\" tabindex=\"-1\">");
        write_phase_label(out, p);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    };
    let cell = |out: &mut String, tag: &str, p: Phase, inlines: &[Inline]| {
        open(out, tag, "", p);
        out.push('>');
        for i in inlines {
            match i {
                Inline::Link { text, href } => match resolve(&props.docs_base, href) {
                    Some(url) => {
                        out.push_str("<a class=\"fm-link\" href=\"");
                        escape(out, &url);
                        out.push_str("\">");
                        escape(out, text);
                        out.push_str("</a>");
                    }
                    None => escape(out, text),
                },
                Inline::Text(t) => escape(out, t),
            }
        }
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    };
    let compact = props.mode == LegendMode::Compact;
    if compact {
        // One line per phase: its first aspect (the purpose).
        out.push_str("<dl class=\"fm-legend-list\">");
        for (col, &p) in legend.phases.iter().enumerate() {
            heading(&mut out, "dt", "", p);
            cell(&mut out, "dd", p, legend.aspects.first().and_then(|a| a.cells.get(col)).map_or(&[], |c| c));
        }
        out.push_str("</dl>");
    } else {
        let caption_id = ids::legend_caption(&props.id_prefix);
        out.push_str("<div class=\"fm-scroll\" role=\"region\" aria-labelledby=\"");
        escape(&mut out, &caption_id);
        out.push_str("\" tabindex=\"0\"><table class=\"fm-table fm-legend-table\"><caption class=\"fm-caption\" id=\"");
        escape(&mut out, &caption_id);
        out.push_str("\">");
        escape(&mut out, props.tr.get(Msg::legend_caption));
        out.push_str("</caption><thead><tr><td class=\"fm-legend-corner\"></td>");
        for &p in legend.phases.iter() {
            heading(&mut out, "th", " scope=\"col\"", p);
        }
        out.push_str("</tr></thead><tbody>");
        for a in legend.aspects.iter() {
            out.push_str("<tr><th scope=\"row\" class=\"fm-legend-aspect\">");
            escape(&mut out, &a.name);
            out.push_str("</th>");
            for (c, &p) in a.cells.iter().zip(legend.phases.iter()) {
                cell(&mut out, "td", p, c);
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
    }
    html! {
        <details class={classes!("fm-legend", compact.then_some("fm-legend--compact"), props.defined.map(|p| format!("fm-legend--{}", p.slug())))} id={ids::legend(&props.id_prefix)} open={props.open} {ontoggle}>
            <summary class="fm-legend-summary">{props.tr.t(Msg::legend_summary)}</summary>
            {markup(out)}
        </details>
    }
}
