using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublishedListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SectionId_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SectionId_Status_PublishedAt_UrlDate",
                table: "Articles",
                columns: new[] { "SectionId", "Status", "PublishedAt", "UrlDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAt_UrlDate",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt", "UrlDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SectionId_Status_PublishedAt_UrlDate",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedAt_UrlDate",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SectionId_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "SectionId", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt" });
        }
    }
}
