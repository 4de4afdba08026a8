//! Theme matching: finds a theme's aliases and entities in normalised text with one
//! Aho-Corasick automaton (leftmost-longest, so "DeepSeek-R1" wins over "DeepSeek"; ASCII
//! case-insensitive, and traditional/full-width insensitive because both sides are
//! normalised). A theme may list contexts that do not count (`exclude`): a hit inside one
//! of those phrases is no mention ("AI" inside "AI先进封装").

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::normalize::normalize_term;

/// A compiled matcher for one theme.
#[derive(Debug, Clone)]
pub struct ThemeMatcher {
    automaton: AhoCorasick,
    /// The contexts that do not count, when the theme lists any.
    exclude: Option<AhoCorasick>,
    /// The theme's revenue segments ("AI" for DeepSeek), when it lists any: the wider line a
    /// filing sizes the theme's business in.
    segments: Option<AhoCorasick>,
    /// The other built-in themes' words, when known: a filing sentence that names one of them
    /// speaks of that theme.
    others: Option<AhoCorasick>,
}

impl ThemeMatcher {
    /// Compiles a theme's terms (its aliases and entities: `Theme::matcher`).
    pub fn new<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> ThemeMatcher {
        ThemeMatcher::with_exclude(terms, &[] as &[&str])
    }

    /// Compiles a theme's terms and the contexts that do not count (`Theme::exclude`).
    pub fn with_exclude<S: AsRef<str>, E: AsRef<str>>(
        terms: impl IntoIterator<Item = S>,
        exclude: &[E],
    ) -> ThemeMatcher {
        let automaton = build(terms);
        let exclude = (!exclude.is_empty()).then(|| build(exclude));
        ThemeMatcher {
            automaton,
            exclude,
            segments: None,
            others: None,
        }
    }

    /// The same matcher knowing the other built-in themes' words (`Theme::matcher`).
    pub fn with_others<S: AsRef<str>>(
        mut self,
        terms: impl IntoIterator<Item = S>,
    ) -> ThemeMatcher {
        let terms: Vec<S> = terms.into_iter().collect();
        self.others = (!terms.is_empty()).then(|| build(terms));
        self
    }

    /// Whether normalised text `s` names another built-in theme (a word of theirs standing on
    /// its own that is not one of this theme's words).
    pub fn names_another(&self, s: &str) -> bool {
        self.others.as_ref().is_some_and(|x| {
            x.find_iter(s)
                .any(|m| standalone(s, &m.range()) && !self.mentions(&s[m.range()]))
        })
    }

    /// The same matcher knowing the theme's revenue segments (`Theme::segments`).
    pub fn with_segments<S: AsRef<str>>(mut self, segments: &[S]) -> ThemeMatcher {
        self.segments = (!segments.is_empty()).then(|| build(segments));
        self
    }

    /// Whether one of the theme's revenue segments ends at byte `at` of normalised text `s`
    /// ("AI" in "公司AI相关业务收入…" for DeepSeek).
    pub fn segment_ends_at(&self, s: &str, at: usize) -> bool {
        self.segments.as_ref().is_some_and(|x| {
            x.find_iter(&s[..at])
                .any(|m| m.end() == at && standalone(s, &m.range()))
        })
    }

    /// The byte ranges of the theme's revenue segments in normalised text `s`.
    pub fn segment_ranges(&self, s: &str) -> Vec<Range<usize>> {
        self.segments.as_ref().map_or_else(Vec::new, |x| {
            x.find_iter(s)
                .map(|m| m.range())
                .filter(|r| standalone(s, r))
                .collect()
        })
    }

    /// Every theme hit in normalised text `s`; a short Latin term must stand on its own
    /// (see `standalone`: "6G" is not in "16GB"), and a hit inside an excluded context
    /// does not count.
    pub fn find_all<'a>(&'a self, s: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let excluded: Vec<Range<usize>> = match &self.exclude {
            Some(x) => x.find_iter(s).map(|m| m.range()).collect(),
            None => Vec::new(),
        };
        self.automaton
            .find_iter(s)
            .map(|m| m.range())
            .filter(move |r| standalone(s, r))
            .filter(move |r| {
                !excluded
                    .iter()
                    .any(|x| x.start <= r.start && r.end <= x.end)
            })
    }

    /// Whether normalised text `s` mentions the theme.
    pub fn mentions(&self, s: &str) -> bool {
        self.find_all(s).next().is_some()
    }

    /// Whether normalised text `s` names a neighbour of the theme: a context the theme
    /// excludes ("巡检机器人" beside `humanoid-robot`), a line the market mistakes for it.
    pub fn neighbours(&self, s: &str) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|x| x.find_iter(s).next().is_some())
    }
}

/// One automaton over normalised terms (leftmost-longest, ASCII case-insensitive).
fn build<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> AhoCorasick {
    let mut terms: Vec<String> = terms
        .into_iter()
        .map(|t| normalize_term(t.as_ref()))
        .collect();
    terms.retain(|t| !t.is_empty());
    terms.sort();
    terms.dedup();
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&terms)
        .expect("theme automaton builds")
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
        // A term inside a context the theme excludes is no mention; elsewhere it still is.
        let ai = crate::theme::find_builtin("ai-app").unwrap().matcher();
        for (s, want) in [
            ("公司AI先进封装产能充足", false),
            ("公司的AI服务器已批量出货", false),
            ("公司AI服务器业务之外也做AI应用", true),
            ("公司接入了AI大模型", true),
        ] {
            assert_eq!(ai.mentions(&normalize(s).text), want, "{s}");
        }
        let n = normalize("DeepSeek-R1发布");
        let hits: Vec<_> = m.find_all(&n.text).collect();
        assert_eq!(hits, vec![0.."deepseek-r1".len()]);
    }
}
