//! The operations a description offers: listed in its order, grouped by tag, filtered.

use crate::model::Json;

use super::document::Document;

/// The HTTP methods a path item may hold, in the order OpenAPI lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// Upper case: `GET`.
    pub method: String,
    /// The path template (`/pets/{petId}`), or a webhook's name.
    pub path: String,
    pub id: Option<String>,
    pub summary: String,
    pub description: String,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// A request the API sends to its subscribers (OpenAPI 3.1 `webhooks`), not one it answers.
    pub webhook: bool,
    /// Lower-case text the filter searches: method, path, id, summary, tags.
    search: String,
}

impl Operation {
    /// How a button names it: `GET /pets/{petId}`.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The path item holding it, and its own object.
    pub fn objects<'a>(&self, document: &'a Document) -> Option<(&'a Json, &'a Json)> {
        let holder = if self.webhook { "webhooks" } else { "paths" };
        let item = document.root.get(holder)?.get(&self.path)?;
        let item = document.resolve(item).ok()?;
        let operation = item.get(&self.method.to_ascii_lowercase())?;
        Some((item, document.resolve(operation).ok()?))
    }
}

/// Every operation, in the description's order (paths, then webhooks).
pub fn operations(document: &Document) -> Vec<Operation> {
    let mut found = Vec::new();
    for (holder, webhook) in [("paths", false), ("webhooks", true)] {
        let Some(Json::Object(items)) = document.root.get(holder) else {
            continue;
        };
        for (path, item) in items {
            let Ok(item) = document.resolve(item) else {
                continue;
            };
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let Ok(operation) = document.resolve(operation) else {
                    continue;
                };
                if !matches!(operation, Json::Object(_)) {
                    continue;
                }
                let text = |key: &str| super::fill::string(operation.get(key));
                let tags = match operation.get("tags") {
                    Some(Json::Array(tags)) => tags
                        .iter()
                        .filter_map(|t| match t {
                            Json::String(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let id = Some(text("operationId")).filter(|s| !s.is_empty());
                let summary = text("summary");
                let search = format!(
                    "{method} {path} {} {summary} {}",
                    id.as_deref().unwrap_or_default(),
                    tags.join(" ")
                )
                .to_lowercase();
                found.push(Operation {
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    id,
                    summary,
                    description: text("description"),
                    tags,
                    deprecated: operation.get("deprecated") == Some(&Json::Bool(true)),
                    webhook,
                    search,
                });
            }
        }
    }
    found
}

/// Operations under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    /// Indexes into the operations.
    pub operations: Vec<usize>,
}

/// The name of the group of untagged operations, and of webhooks.
pub const UNTAGGED: &str = "Other operations";
pub const WEBHOOKS: &str = "Webhooks";

/// Groups by first tag: in the order the description's `tags` list gives, then tags in order
/// of first use, then untagged operations, then webhooks. `only` limits it to those indexes.
pub fn groups(document: &Document, operations: &[Operation], only: &[usize]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    if let Some(Json::Array(tags)) = document.root.get("tags") {
        for tag in tags {
            if let Some(Json::String(name)) = tag.get("name") {
                if !groups.iter().any(|g| g.name == *name) {
                    groups.push(Group {
                        name: name.clone(),
                        operations: Vec::new(),
                    });
                }
            }
        }
    }
    let mut untagged = Vec::new();
    let mut webhooks = Vec::new();
    for &i in only {
        let operation = &operations[i];
        if operation.webhook {
            webhooks.push(i);
            continue;
        }
        let Some(tag) = operation.tags.first() else {
            untagged.push(i);
            continue;
        };
        match groups.iter_mut().find(|g| g.name == *tag) {
            Some(group) => group.operations.push(i),
            None => groups.push(Group {
                name: tag.clone(),
                operations: vec![i],
            }),
        }
    }
    groups.retain(|g| !g.operations.is_empty());
    for (name, list) in [(UNTAGGED, untagged), (WEBHOOKS, webhooks)] {
        if !list.is_empty() {
            groups.push(Group {
                name: name.to_owned(),
                operations: list,
            });
        }
    }
    groups
}

/// The operations every word of `query` occurs in (method, path, id, summary or tag; any
/// case), in order.
pub fn filter(operations: &[Operation], query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    operations
        .iter()
        .enumerate()
        .filter(|(_, o)| words.iter().all(|w| o.search.contains(w.as_str())))
        .map(|(i, _)| i)
        .collect()
}

/// The operation whose `operationId` is `id`.
pub fn by_id(operations: &[Operation], id: &str) -> Option<usize> {
    operations.iter().position(|o| o.id.as_deref() == Some(id))
}
