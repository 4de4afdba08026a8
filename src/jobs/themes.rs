//! Themes as the commands find them: built in, added to the store (`theme add`), or a
//! theme TOML file named by its path.

use super::{Error, Result};
use crate::store::Store;
use crate::theme::{self, Theme};

/// A theme stored by [`add_theme`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedTheme {
    /// The theme as parsed.
    pub theme: Theme,
    /// Whether it replaced a stored theme of the same id.
    pub replaced: bool,
}

/// Checks a theme file's text and stores it under its id, so `--theme ID` finds it after
/// the file is gone. A built-in theme's id is refused: the built-in one would shadow it.
pub fn add_theme(store: &mut Store, toml: &str, origin: &str) -> Result<AddedTheme> {
    let theme = Theme::parse(toml, origin)?;
    if theme::find_builtin(&theme.id).is_some() {
        return Err(Error::BuiltinThemeId {
            origin: origin.to_string(),
            id: theme.id,
        });
    }
    let replaced = store.add_theme(&theme.id, toml, origin)?;
    Ok(AddedTheme { theme, replaced })
}

/// The themes added to the store, in id order.
pub fn user_themes(store: &Store) -> Result<Vec<Theme>> {
    let mut themes = Vec::new();
    for id in store.user_theme_ids()? {
        if let Some((toml, origin)) = store.user_theme(&id)? {
            themes.push(Theme::parse(&toml, &origin)?);
        }
    }
    Ok(themes)
}

/// A theme by built-in id, by the id of a theme added to `store` (when there is a store),
/// or from the TOML file `id` names. A file path wins over a stored id of the same text.
pub fn find_theme(store: Option<&Store>, id: &str) -> Result<Theme> {
    if let Some(t) = theme::find_builtin(id) {
        return Ok(t);
    }
    if let Some(store) = store.filter(|_| !std::path::Path::new(id).exists()) {
        if let Some((toml, origin)) = store.user_theme(id)? {
            return Ok(Theme::parse(&toml, &origin)?);
        }
    }
    Ok(theme::load(id)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUANTUM: &str = "id = \"quantum\"\nname = \"量子计算\"\naliases = [\"量子计算\"]\n";

    #[test]
    fn an_added_theme_is_found_by_id_and_a_builtin_id_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            find_theme(Some(&store), "quantum"),
            Err(Error::Theme(_))
        ));
        let added = add_theme(&mut store, QUANTUM, "quantum.toml").unwrap();
        assert_eq!(
            (added.theme.id.as_str(), added.replaced),
            ("quantum", false)
        );
        assert!(
            add_theme(&mut store, QUANTUM, "quantum.toml")
                .unwrap()
                .replaced
        );
        assert_eq!(
            find_theme(Some(&store), "quantum").unwrap().name,
            "量子计算"
        );
        assert_eq!(user_themes(&store).unwrap().len(), 1);
        let shadow = "id = \"deepseek\"\nname = \"X\"\naliases = [\"X\"]\n";
        assert!(matches!(
            add_theme(&mut store, shadow, "x.toml"),
            Err(Error::BuiltinThemeId { .. })
        ));
        assert_eq!(find_theme(None, "deepseek").unwrap().id, "deepseek");
    }
}
