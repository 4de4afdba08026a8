//! Themes (题材/概念): what words mean a theme, which organisations stand behind it and which
//! revenue segments count as exposure (docs/design.md §5).
//!
//! A theme is a TOML file. The built-in themes in `themes/` are compiled in with
//! `include_str!`; [`load`] takes a built-in id or a file path. This module parses and
//! validates; it reads a file only in [`load`] (the one I/O entry point, used by the binary).

use std::path::Path;

use serde::Deserialize;

/// One theme, as in docs/design.md §5.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Stable identifier (`deepseek`), lowercase ASCII, digits, `-` and `_`.
    pub id: String,
    /// Display name (`DeepSeek`).
    pub name: String,
    /// Words that mean the theme; matched after normalisation (traditional → simplified,
    /// full-width → half-width, ASCII case-insensitive).
    pub aliases: Vec<String>,
    /// Organisations behind the theme (matched like aliases).
    #[serde(default)]
    pub entities: Vec<String>,
    /// Revenue segments that count as exposure (optional).
    #[serde(default)]
    pub segments: Vec<String>,
    /// Contexts that do not count (optional): a term found inside one of these phrases is
    /// no mention of the theme ("AI先进封装" is packaging, not an AI application).
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Why a theme file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// The file is not valid TOML or has unknown/missing fields.
    #[error(
        "{origin} line {line}, column {column}: not a valid theme file: {message}; compare with the theme.toml \
         that `hypecheck demo` writes"
    )]
    Parse {
        /// The file or built-in name.
        origin: String,
        /// The 1-based line of the fault (1 when the parser gives no place).
        line: usize,
        /// The 1-based column, in characters.
        column: usize,
        /// The TOML parser's message.
        message: String,
    },
    /// A field has an empty or blank entry, or an invalid value.
    #[error("{origin}: field `{field}`: {problem}")]
    Field {
        /// The file or built-in name.
        origin: String,
        /// The field (`aliases[2]`).
        field: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The theme is neither a built-in id nor a readable file.
    #[error("theme `{0}` is neither a built-in theme id (see `hypecheck theme list`) nor a readable file: {1}")]
    NotFound(String, String),
}

impl ThemeError {
    /// The message in `lang` (the `Display` text is the English one; the TOML parser's own
    /// words stay as it wrote them).
    pub fn message(&self, lang: crate::model::Lang) -> String {
        if lang == crate::model::Lang::En {
            return self.to_string();
        }
        match self {
            ThemeError::Parse {
                origin,
                line,
                column,
                message,
            } => format!(
                "{origin} 第 {line} 行第 {column} 列：不是有效的题材文件：{message}；\
                 请对照 hypecheck demo 写出的 theme.toml"
            ),
            ThemeError::Field {
                origin,
                field,
                problem,
            } => format!("{origin}：字段 `{field}`：{problem}"),
            ThemeError::NotFound(id, cause) => {
                let cause = if cause.contains("os error 2") {
                    "没有这个文件"
                } else {
                    cause.as_str()
                };
                format!(
                    "题材 `{id}` 既不是内置题材 id（见 hypecheck theme list），也不是可读取的文件\
                     （{cause}）；用 hypecheck theme add FILE 加入的题材按其 id 查找"
                )
            }
        }
    }
}

/// The built-in theme files: (file name, contents).
const BUILTIN: &[(&str, &str)] = &[
    (
        "themes/deepseek.toml",
        include_str!("../themes/deepseek.toml"),
    ),
    ("themes/ai-app.toml", include_str!("../themes/ai-app.toml")),
    (
        "themes/compute.toml",
        include_str!("../themes/compute.toml"),
    ),
    (
        "themes/humanoid-robot.toml",
        include_str!("../themes/humanoid-robot.toml"),
    ),
    (
        "themes/low-altitude.toml",
        include_str!("../themes/low-altitude.toml"),
    ),
    (
        "themes/deep-sea.toml",
        include_str!("../themes/deep-sea.toml"),
    ),
    (
        "themes/commercial-space.toml",
        include_str!("../themes/commercial-space.toml"),
    ),
    (
        "themes/solid-state-battery.toml",
        include_str!("../themes/solid-state-battery.toml"),
    ),
    (
        "themes/memory-chip.toml",
        include_str!("../themes/memory-chip.toml"),
    ),
    (
        "themes/energy-storage.toml",
        include_str!("../themes/energy-storage.toml"),
    ),
    (
        "themes/advanced-packaging.toml",
        include_str!("../themes/advanced-packaging.toml"),
    ),
    ("themes/6g.toml", include_str!("../themes/6g.toml")),
    ("themes/ai-pc.toml", include_str!("../themes/ai-pc.toml")),
    ("themes/bci.toml", include_str!("../themes/bci.toml")),
    ("themes/huawei.toml", include_str!("../themes/huawei.toml")),
    (
        "themes/hydrogen.toml",
        include_str!("../themes/hydrogen.toml"),
    ),
    (
        "themes/military.toml",
        include_str!("../themes/military.toml"),
    ),
    ("themes/mlcc.toml", include_str!("../themes/mlcc.toml")),
    ("themes/oled.toml", include_str!("../themes/oled.toml")),
    ("themes/pcb.toml", include_str!("../themes/pcb.toml")),
    (
        "themes/perovskite.toml",
        include_str!("../themes/perovskite.toml"),
    ),
    (
        "themes/semi-equipment.toml",
        include_str!("../themes/semi-equipment.toml"),
    ),
    (
        "themes/space-pv.toml",
        include_str!("../themes/space-pv.toml"),
    ),
    ("themes/sst.toml", include_str!("../themes/sst.toml")),
    (
        "themes/weight-loss-drug.toml",
        include_str!("../themes/weight-loss-drug.toml"),
    ),
    ("themes/vpp.toml", include_str!("../themes/vpp.toml")),
];

impl Theme {
    /// Parses and validates a theme; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Theme, ThemeError> {
        let theme: Theme = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start).min(text.len());
            let before = text.get(..at).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            ThemeError::Parse {
                origin: origin.to_string(),
                line,
                column,
                message: e.message().trim().replace('\n', "; "),
            }
        })?;
        theme.validate(origin)?;
        Ok(theme)
    }

    fn validate(&self, origin: &str) -> Result<(), ThemeError> {
        let err = |field: String, problem: &str| ThemeError::Field {
            origin: origin.to_string(),
            field,
            problem: problem.to_string(),
        };
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            return Err(err(
                "id".into(),
                "must be non-empty lowercase ASCII letters, digits, `-` or `_`",
            ));
        }
        if self.name.trim().is_empty() {
            return Err(err(
                "name".into(),
                "is empty; give the theme a display name",
            ));
        }
        if self.aliases.is_empty() {
            return Err(err(
                "aliases".into(),
                "is empty; list at least one word that means the theme",
            ));
        }
        for (field, list) in [
            ("aliases", &self.aliases),
            ("entities", &self.entities),
            ("segments", &self.segments),
            ("exclude", &self.exclude),
        ] {
            for (i, v) in list.iter().enumerate() {
                if v.trim().is_empty() {
                    return Err(err(
                        format!("{field}[{i}]"),
                        "is empty; remove it or fill it in",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every word that identifies the theme: aliases then entities.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .chain(&self.entities)
            .map(String::as_str)
    }

    /// The matcher that finds this theme's terms in text.
    pub fn matcher(&self) -> crate::text::ThemeMatcher {
        crate::text::ThemeMatcher::with_exclude(self.terms(), &self.exclude)
            .with_segments(&self.segments)
            .with_others(
                BUILTIN_TERMS
                    .iter()
                    .filter(|(id, _)| *id != self.id)
                    .flat_map(|(_, terms)| terms.iter()),
            )
    }
}

/// The words (aliases and entities) of every built-in theme, by id: what a theme's matcher
/// knows of the others.
static BUILTIN_TERMS: std::sync::LazyLock<Vec<(String, Vec<String>)>> =
    std::sync::LazyLock::new(|| {
        builtin()
            .into_iter()
            .map(|t| {
                let terms = t.terms().map(str::to_string).collect();
                (t.id, terms)
            })
            .collect()
    });

/// Every built-in theme, in a stable order.
pub fn builtin() -> Vec<Theme> {
    BUILTIN
        .iter()
        .map(|(name, text)| Theme::parse(text, name).expect("built-in themes are valid (tested)"))
        .collect()
}

/// A built-in theme by id.
pub fn find_builtin(id: &str) -> Option<Theme> {
    builtin().into_iter().find(|t| t.id == id)
}

/// Loads a theme by built-in id, or else from a TOML file at that path.
pub fn load(id_or_file: &str) -> Result<Theme, ThemeError> {
    if let Some(t) = find_builtin(id_or_file) {
        return Ok(t);
    }
    let path = Path::new(id_or_file);
    match std::fs::read_to_string(path) {
        Ok(text) => Theme::parse(&text, &path.display().to_string()),
        Err(e) => Err(ThemeError::NotFound(id_or_file.to_string(), e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse_and_ids_are_unique() {
        let all = builtin();
        assert!(all.len() >= 6);
        let mut ids: Vec<_> = all.iter().map(|t| t.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        for t in &all {
            let mut terms: Vec<_> = t.terms().map(crate::text::normalize_term).collect();
            let n = terms.len();
            terms.sort();
            terms.dedup();
            assert_eq!(terms.len(), n, "duplicate alias/entity in theme {}", t.id);
        }
    }

    /// The thin themes know the words the market names them by (session 7: products,
    /// processes, programmes and makers), and a context a theme excludes keeps its word out.
    #[test]
    fn thin_themes_know_the_markets_words() {
        for (id, text, want) in [
            ("deepseek", "公司是否与梁文锋团队有合作？", true),
            ("deepseek", "公司推出的DS一体机销量如何", true),
            ("perovskite", "公司TCO玻璃产品送样进展", true),
            ("perovskite", "四端叠层组件的效率", true),
            ("6g", "公司在第六代移动通信方面有何布局", true),
            ("6g", "可重构智能表面研发进展", true),
            ("6g", "ISAC样机", true),
            ("mlcc", "公司的贴片电容是否涨价", true),
            ("mlcc", "积层陶瓷电容产能", true),
            ("oled", "LTPO背板技术", true),
            ("oled", "公司UTG产品给折叠机供货吗", true),
            ("space-pv", "三结砷化镓电池的产能", true),
            ("space-pv", "公司是否生产卫星太阳帆板", true),
            ("space-pv", "锗衬底是否供货", true),
            ("sst", "公司800V DC方案进展", true),
            ("sst", "服务器电源的客户", true),
            ("sst", "是否进入维谛供应链", true),
            ("ai-pc", "公司AI眼镜之外是否做AI戒指", true),
            ("ai-pc", "搭载骁龙X Elite的笔记本", true),
            ("ai-pc", "Copilot+ PC出货", true),
            ("weight-loss-drug", "司美格鲁肽之外的Wegovy仿制", true),
            ("weight-loss-drug", "公司GLP1多肽原料药", true),
            ("weight-loss-drug", "胰淀素类似物研发", true),
            ("bci", "公司EEG采集芯片", true),
            ("bci", "与强脑科技是否有合作", true),
            ("bci", "迷走神经刺激器获批了吗", true),
            ("solid-state-battery", "半固态产线投产了吗", true),
            ("solid-state-battery", "LLZO电解质粉体", true),
            ("solid-state-battery", "聚合物电解质研发", true),
            // Semi-solid die casting (car parts) is no solid-state battery.
            ("solid-state-battery", "公司半固态压铸件供货车企", false),
            ("solid-state-battery", "半固态成型工艺用于铝合金", false),
            // Words inside everyday phrases of other trades are no mention.
            ("bci", "公司电脑电源业务", false),
            ("bci", "电脑机箱出货", false),
            ("commercial-space", "公司在轨道交通领域的订单", false),
            ("commercial-space", "火箭军相关订单", false),
            ("military", "火箭军相关订单", true),
            ("military", "行业挑战机遇并存", false),
            ("low-altitude", "降低空置率", false),
            ("low-altitude", "交通航运业务", false),
            ("mlcc", "芯片容量提升", false),
            ("pcb", "锂电铜箔出货量", false),
            ("energy-storage", "加大储备力度", false),
            ("hydrogen", "铝电解槽大修", false),
            ("huawei", "时尚界的合作", false),
            ("huawei", "尚界新车上市", true),
            ("compute", "股价坐冷板凳", false),
            ("compute", "TPU薄膜产能", false),
            ("compute", "1.6T发动机", false),
            ("compute", "1.6T光模块之外的3.2T", true),
            ("solid-state-battery", "全固态激光器", false),
            ("ai-app", "数字人民币试点", false),
            ("ai-app", "智能体育器材", false),
            ("ai-app", "公司智能体产品上线", true),
            ("mlcc", "美国巨头的订单", false),
            ("memory-chip", "收入增长存在不确定性", false),
            ("huawei", "海思科的新药", false),
            ("energy-storage", "客户储备充足", false),
            ("energy-storage", "扩大储量", false),
            ("commercial-space", "股价坐火箭", false),
            ("compute", "博通集成的芯片", false),
            ("advanced-packaging", "2.5D游戏上线", false),
            (
                "commercial-space",
                "产品应用于新能源、航空航天等领域",
                false,
            ),
            ("commercial-space", "公司商业航天业务", true),
            ("ai-pc", "公司AI PCB产能", false),
            ("ai-pc", "公司AIPCB量产", false),
            ("compute", "新一代液冷储能柜", false),
            // A short Latin word may not run on into letters on both sides.
            ("6g", "公司MISACO业务", false),
            ("bci", "公司的XEEGX项目", false),
        ] {
            let m = find_builtin(id).unwrap().matcher();
            let n = crate::text::normalize(text);
            assert_eq!(m.mentions(&n.text), want, "{id}: {text}");
        }
    }

    #[test]
    fn empty_alias_names_file_and_field() {
        let e = Theme::parse(
            "id = \"x\"\nname = \"X\"\naliases = [\"a\", \" \"]\n",
            "x.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x.toml") && e.contains("aliases[1]"), "{e}");
    }

    #[test]
    fn bad_id_and_unknown_field_are_rejected() {
        assert!(Theme::parse("id = \"X Y\"\nname = \"X\"\naliases = [\"a\"]\n", "f").is_err());
        let e = Theme::parse(
            "id = \"x\"\nname = \"X\"\naliases = [\"a\"]\nfoo = 1\n",
            "f.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("f.toml") && e.contains("foo"), "{e}");
    }

    #[test]
    fn load_missing_names_the_value() {
        let e = load("no-such-theme").unwrap_err().to_string();
        assert!(e.contains("no-such-theme"));
    }
}
