// A function, not a "{{ g.url }}" string: Eleventy 3.1 compiles a string permalink once per paginated page.
export default { permalink: (data) => data.g.url };
