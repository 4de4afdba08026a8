//! Theme matching: finds a theme's aliases and entities in normalised text with one
//! Aho-Corasick automaton (leftmost-longest, so "DeepSeek-R1" wins over "DeepSeek"; ASCII
//! case-insensitive, and traditional/full-width insensitive because both sides are
//! normalised).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::normalize::normalize_term;

/// A compiled matcher for one theme.
#[derive(Debug, Clone)]
pub struct ThemeMatcher {
    automaton: AhoCorasick,
}

impl ThemeMatcher {
    /// Compiles a theme's terms (its aliases and entities: `Theme::matcher`).
    pub fn new<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> ThemeMatcher {
        let mut terms: Vec<String> = terms
            .into_iter()
            .map(|t| normalize_term(t.as_ref()))
            .collect();
        terms.retain(|t| !t.is_empty());
        terms.sort();
        terms.dedup();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&terms)
            .expect("theme automaton builds");
        ThemeMatcher { automaton }
    }

    /// Every theme hit in normalised text `s`; a short Latin term must stand on its own
    /// (see `standalone`: "6G" is not in "16GB").
    pub fn find_all<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.automaton
            .find_iter(s)
            .map(|m| m.range())
            .filter(move |r| standalone(s, r))
    }

    /// Whether normalised text `s` mentions the theme.
    pub fn mentions(&self, s: &str) -> bool {
        self.find_all(s).next().is_some()
    }
}

/// Whether the hit `r` in `s` stands on its own: a Latin or digit term may run on into
/// Latin letters or digits on one side ("AIPCB", "HBM3"), not on both ("6G" in "16GB"); a
/// term of two characters or less on neither ("AI" in "MAIL").
fn standalone(s: &str, r: &Range<usize>) -> bool {
    if r.len() > 4 {
        return true;
    }
    let b = s.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    let left = alnum(r.start) && r.start > 0 && alnum(r.start - 1);
    let right = r.end > 0 && alnum(r.end - 1) && alnum(r.end);
    if r.len() <= 2 {
        !left && !right
    } else {
        !(left && right)
    }
}

#[cfg(test)]
mod tests {
    use crate::text::normalize;

    #[test]
    fn table() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = t.matcher();
        for (s, want) in [
            ("公司接入deepseek模型", true),
            ("公司接入ＤＥＥＰＳＥＥＫ模型", true),
            ("與深度求索無業務往來", true),
            ("杭州深度求索人工智能基础技术研究有限公司", true),
            ("公司接入通义千问", false),
            ("deepseekv3", true),
            ("（deepseek）", true),
        ] {
            assert_eq!(m.mentions(&normalize(s).text), want, "{s}");
        }
        let n = normalize("DeepSeek-R1发布");
        let hits: Vec<_> = m.find_all(&n.text).collect();
        assert_eq!(hits, vec![0.."deepseek-r1".len()]);
    }
}
