// Wraps a chart so that it carries a title and a description (accessible
// name and description), the way every chart in the report must.
export function figure(chart, {title, description}) {
  const fig = document.createElement("figure");
  fig.className = "fl-figure";
  const heading = document.createElement("h3");
  heading.className = "fl-figure-title";
  heading.textContent = title;
  const desc = document.createElement("p");
  desc.className = "fl-figure-desc";
  desc.textContent = description;
  const id = `fl-${Math.random().toString(36).slice(2, 10)}`;
  heading.id = `${id}-t`;
  desc.id = `${id}-d`;
  chart.setAttribute?.("role", "img");
  chart.setAttribute?.("aria-labelledby", heading.id);
  chart.setAttribute?.("aria-describedby", desc.id);
  fig.append(heading, desc, chart);
  return fig;
}
