"""Reading published budget PDFs: page text and ruling lines -> printed tables (budgetlens.pdf.tables)."""
