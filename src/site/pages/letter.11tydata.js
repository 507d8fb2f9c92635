// A function, not a "{{ p.url }}" string: Eleventy 3.1 compiles a string permalink once per paginated page.
export default { permalink: (data) => data.p.url };
