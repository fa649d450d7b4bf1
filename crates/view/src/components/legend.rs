//! The collapsible phase-definitions legend (phases as columns, aspects as rows).

use feature_matrix_core::links::resolve;
use feature_matrix_core::options::LegendMode;
use feature_matrix_core::{Inline, Legend, Phase};
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

use super::phase::phase_label;
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
    let defined_class = |p: Phase| (props.defined == Some(p)).then_some("fm-defined");
    let inline = |i: &Inline| match i {
        Inline::Text(t) => html! { {t.to_string()} },
        Inline::Link { text, href } => match resolve(&props.docs_base, href) {
            Some(url) => html! { <a class="fm-link" href={url}>{text.to_string()}</a> },
            None => html! { {text.to_string()} },
        },
    };
    let caption_id = ids::legend_caption(&props.id_prefix);
    if props.mode == LegendMode::Compact {
        // One line per phase: its first aspect (the purpose).
        return html! {
            <details class="fm-legend fm-legend--compact" id={ids::legend(&props.id_prefix)} open={props.open} {ontoggle}>
                <summary class="fm-legend-summary">{props.tr.t(Msg::legend_summary)}</summary>
                <dl class="fm-legend-list">
                { for legend.phases.iter().enumerate().map(|(col, &p)| html! {
                    <>
                        <dt id={ids::definition(&props.id_prefix, p)} tabindex="-1" class={classes!("fm-legend-phase", defined_class(p))}>
                            {phase_label(p)}
                        </dt>
                        <dd class={classes!(defined_class(p))}>
                            { for legend.aspects.first().and_then(|a| a.cells.get(col)).into_iter().flat_map(|c| c.iter()).map(inline) }
                        </dd>
                    </>
                }) }
                </dl>
            </details>
        };
    }
    html! {
        <details class="fm-legend" id={ids::legend(&props.id_prefix)} open={props.open} {ontoggle}>
            <summary class="fm-legend-summary">{props.tr.t(Msg::legend_summary)}</summary>
            <div class="fm-scroll" role="region" aria-labelledby={caption_id.clone()} tabindex="0">
                <table class="fm-table fm-legend-table">
                    <caption id={caption_id} class="fm-caption">{props.tr.t(Msg::legend_caption)}</caption>
                    <thead>
                        <tr>
                            <td class="fm-legend-corner"></td>
                            { for legend.phases.iter().map(|&p| html! {
                                <th scope="col" id={ids::definition(&props.id_prefix, p)} tabindex="-1"
                                    class={classes!("fm-legend-phase", defined_class(p))}>
                                    {phase_label(p)}
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for legend.aspects.iter().map(|a| html! {
                            <tr>
                                <th scope="row" class="fm-legend-aspect">{a.name.to_string()}</th>
                                { for a.cells.iter().zip(legend.phases.iter()).map(|(cell, &p)| html! {
                                    <td class={classes!(defined_class(p))}>{ for cell.iter().map(inline) }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}
