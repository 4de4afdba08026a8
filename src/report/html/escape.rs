//! Escaping: every text that comes from a document or the store goes through [`escape`]
//! before it reaches the page, and only `http`/`https` links become `<a href>`
//! ([`safe_url`]).

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The link target when `url` is an `http` or `https` URL (escaped for an attribute);
/// `None` for anything else (`javascript:`, `data:`, relative paths).
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| escape(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("灵犀大模型"), "灵犀大模型");
    }

    #[test]
    fn only_http_links_are_links() {
        assert_eq!(
            safe_url("https://example.com/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.com/a?b=1&amp;c=&quot;2&quot;")
        );
        assert!(safe_url("HTTP://EXAMPLE.COM").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JavaScript:alert(1)").is_none());
        assert!(safe_url("data:text/html,<b>").is_none());
        assert!(safe_url("/relative").is_none());
        assert!(safe_url("https://a.com/\u{0}x").is_none());
    }
}
