//! The bar between the filters and the results: live status (count and notices), clear,
//! view switch (table or matrix), copy link and export.

use feature_matrix_core::export::Format;
use feature_matrix_core::ViewMode;
use yew::prelude::*;

use feature_matrix_core::i18n::Msg;

use crate::handle::Tr;
use crate::ids;

pub struct ToolbarProps {
    pub id_prefix: AttrValue,
    pub tr: Tr,
    /// "7 of 43 features".
    pub status: AttrValue,
    /// A message after a deep link, copy or export.
    pub notice: Option<String>,
    /// A link to copy by hand when the clipboard refused.
    pub manual_link: Option<AttrValue>,
    pub filtered: bool,
    pub view_mode: ViewMode,
    /// Offer the changes view (a release is shown).
    pub changes: bool,
    pub on_clear: Callback<()>,
    pub on_view: Callback<ViewMode>,
    pub on_copy_link: Callback<()>,
    pub on_export: Callback<Format>,
}

/// The bar between the filters and the results.
pub fn toolbar(props: &ToolbarProps) -> Html {
    let p = &props.id_prefix;
    let tr = &props.tr;
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let view_button = |mode: ViewMode, label: Msg| {
        let on_view = props.on_view.clone();
        html! {
            <button type="button" class="fm-chip fm-chip--plain"
                aria-pressed={if props.view_mode == mode { "true" } else { "false" }}
                onclick={Callback::from(move |_: MouseEvent| on_view.emit(mode))}>
                {tr.t(label)}
            </button>
        }
    };
    html! {
        <div class="fm-toolbar">
            <div class="fm-status" role="status" aria-live="polite" aria-atomic="true">
                <span class="fm-count-text">{props.status.clone()}</span>
                if let Some(n) = &props.notice {
                    <span class="fm-notice">{format!(" {n}")}</span>
                }
            </div>
            if let Some(link) = &props.manual_link {
                <label class="fm-manual-link">
                    <span class="fm-visually-hidden">{tr.t(Msg::manual_link_label)}</span>
                    <input type="text" readonly=true value={link.clone()} class="fm-search-input" />
                </label>
            }
            <div class="fm-actions">
                <button type="button" class="fm-button fm-clear" disabled={!props.filtered} onclick={click(&props.on_clear)}>
                    {tr.t(Msg::clear_filters)}
                </button>
                <div class="fm-filter fm-inline-group" role="group" aria-labelledby={ids::toolbar_label(p, "view")}>
                    <span class="fm-label" id={ids::toolbar_label(p, "view")}>{tr.t(Msg::view_label)}</span>
                    <div class="fm-chips">
                        { view_button(ViewMode::Table, Msg::view_table) }
                        { view_button(ViewMode::Matrix, Msg::view_matrix) }
                        if props.changes { { view_button(ViewMode::Changes, Msg::view_changes) } }
                    </div>
                </div>
                <button type="button" class="fm-button" onclick={click(&props.on_copy_link)}>{tr.t(Msg::copy_link)}</button>
                <div class="fm-filter fm-inline-group" role="group" aria-labelledby={ids::toolbar_label(p, "export")}>
                    <span class="fm-label" id={ids::toolbar_label(p, "export")}>{tr.t(Msg::export_label)}</span>
                    <div class="fm-chips">
                    { for Format::ALL.into_iter().map(|f| {
                        let on_export = props.on_export.clone();
                        // In the changes view the export is the upgrade checklist.
                        let what = if props.changes && props.view_mode == ViewMode::Changes {
                            Msg::export_checklist
                        } else {
                            Msg::export_visible
                        };
                        html! {
                            <button type="button" class="fm-button"
                                aria-label={tr.fill(what, &[("format", f.label())])}
                                onclick={Callback::from(move |_: MouseEvent| on_export.emit(f))}>
                                {f.label()}
                            </button>
                        }
                    }) }
                    </div>
                </div>
            </div>
        </div>
    }
}
