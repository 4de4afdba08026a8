//! The panel and the event study over the store: the theme's context loaded once (every
//! stock of the store with `all_stocks`), the benchmark indices its forward returns need,
//! and the range resolved to the store's trading days. The walk itself is
//! [`crate::panel`]'s, the study's statistics [`crate::study`]'s.

use super::{Error, Result};
use crate::assess::{Context, Thresholds};
use crate::model::{Date, Symbol};
use crate::panel::{tracks, Indices, Span};
use crate::store::Store;
use crate::study::{study as run_study, Settings, StudyReport};
use crate::text::Lexicon;
use crate::theme::Theme;

/// A theme's context with the benchmark indices of its stocks: all a panel or a study reads.
#[derive(Debug, Clone)]
pub struct PanelData {
    /// The context.
    pub ctx: Context,
    /// The benchmark indices' bars.
    pub indices: Indices,
    /// Every stock of the store is in the context, not only the theme's scope.
    pub all_stocks: bool,
}

/// Loads the theme's context (every stock of the store when `all_stocks`) and the bars of
/// the benchmark indices its stocks use.
pub fn load_panel(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    t: &Thresholds,
    all_stocks: bool,
) -> Result<PanelData> {
    let ctx = if all_stocks {
        super::context::load_all_stocks_context(store, theme, lexicon, t)?
    } else {
        super::load_context(store, theme, lexicon, t)?
    };
    let mut wanted: Vec<Symbol> = ctx.stocks.iter().filter_map(|s| s.benchmark).collect();
    wanted.sort();
    wanted.dedup();
    let mut indices = Vec::with_capacity(wanted.len());
    for symbol in wanted {
        indices.push((symbol, store.index_bars(symbol, ..)?));
    }
    Ok(PanelData {
        ctx,
        indices,
        all_stocks,
    })
}

impl PanelData {
    /// The store's trading days from `from` to `to` (an error naming the store's range when
    /// there is none).
    pub fn span(&self, from: Date, to: Date) -> Result<Span> {
        Span::of(&self.ctx, from, to, self.all_stocks).ok_or_else(|| Error::NoTradingDays {
            from,
            to,
            bars: self
                .ctx
                .calendar
                .first()
                .copied()
                .zip(self.ctx.calendar.last().copied()),
        })
    }
}

/// The event study of events from `from` to `to`: the panel's walk from `episode_gap`
/// trading days before `from` (to tell an episode already running), its forward returns up
/// to the store's end.
pub fn study(data: &PanelData, from: Date, to: Date, s: &Settings) -> Result<StudyReport> {
    let span = data.span(from, to)?;
    let warm = Span {
        from: span.from.saturating_sub(s.episode_gap),
        ..span
    };
    let tracks = tracks(&data.ctx, &data.indices, warm);
    let study = run_study(&tracks, &data.ctx.calendar, span.from, s);
    Ok(StudyReport {
        theme: data.ctx.theme_id.clone(),
        theme_name: data.ctx.theme_name.clone(),
        from: data.ctx.calendar[span.from],
        to: data.ctx.calendar[span.to],
        all_stocks: data.all_stocks,
        study,
    })
}
