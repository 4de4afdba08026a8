//! Narrowing a day's 连板天梯 to a theme's members or to boards (`ladder --theme`,
//! `--board`). Kept apart from the ladder's computation: filtering never changes a rung.

use super::{Error, Result};
use crate::assess::{Ladder, LadderFilter};
use crate::market::Board;
use crate::store::Store;

/// Keeps the rungs of `ladder` whose stock is a member of theme `theme` (its members in the
/// store, `import members`) when given, and on one of `boards` when that is not empty, and
/// says so in [`Ladder::filter`]. The day's counts (`summary`) stay those of the whole
/// market. A theme without members in the store is an error ([`Error::NoMembers`]): an
/// empty ladder would say nobody of it closed limit-up.
pub fn filter_ladder(
    store: &Store,
    ladder: &mut Ladder,
    theme: Option<&str>,
    boards: &[Board],
) -> Result<()> {
    if theme.is_none() && boards.is_empty() {
        return Ok(());
    }
    let before = ladder.stocks.len();
    let members: Option<Vec<String>> = match theme {
        Some(id) => {
            let members = store.members(id)?;
            if members.is_empty() {
                return Err(Error::NoMembers(id.to_string()));
            }
            Some(members.iter().map(|m| m.symbol.to_string()).collect())
        }
        None => None,
    };
    ladder.stocks.retain(|e| {
        members.as_ref().is_none_or(|m| m.contains(&e.code))
            && (boards.is_empty() || boards.contains(&e.board))
    });
    ladder.filter = Some(LadderFilter {
        theme: theme.map(str::to_string),
        boards: boards.to_vec(),
        before,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::testdata::{day, demo_store, demo_theme};

    #[test]
    fn members_and_boards_narrow_the_ladder_but_not_the_counts() {
        let store = demo_store();
        let date = day("2025-04-17");
        let all = crate::jobs::ladder(&store, date).unwrap();
        assert!(all.stocks.len() >= 2, "{all:?}");

        let mut only_sh = all.clone();
        filter_ladder(&store, &mut only_sh, None, &[Board::ShMain]).unwrap();
        let filter = only_sh.filter.as_ref().unwrap();
        assert_eq!(filter.before, all.stocks.len());
        assert_eq!(filter.boards, [Board::ShMain]);
        assert!(only_sh.stocks.iter().all(|e| e.board == Board::ShMain));
        assert_eq!(only_sh.summary, all.summary);

        let mut none = all.clone();
        filter_ladder(&store, &mut none, None, &[Board::Bse]).unwrap();
        assert!(none.stocks.is_empty());

        let theme = demo_theme();
        let mut members = all.clone();
        filter_ladder(&store, &mut members, Some(&theme.id), &[]).unwrap();
        let listed: Vec<String> = store
            .members(&theme.id)
            .unwrap()
            .iter()
            .map(|m| m.symbol.to_string())
            .collect();
        assert!(!members.stocks.is_empty());
        assert!(members.stocks.iter().all(|e| listed.contains(&e.code)));
        assert_eq!(
            members.filter.unwrap().theme.as_deref(),
            Some(theme.id.as_str())
        );
        let mut unfiltered = all.clone();
        filter_ladder(&store, &mut unfiltered, None, &[]).unwrap();
        assert_eq!(unfiltered, all);
        // A theme the store has no members of is an error, not an empty ladder.
        let mut nobody = all.clone();
        let r = filter_ladder(&store, &mut nobody, Some("no-such-theme"), &[]);
        assert!(matches!(r, Err(Error::NoMembers(_))), "{r:?}");
    }
}
