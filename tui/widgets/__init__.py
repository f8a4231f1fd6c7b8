"""Small reusable pieces of the explorer: text building, result list, facets, entities."""
