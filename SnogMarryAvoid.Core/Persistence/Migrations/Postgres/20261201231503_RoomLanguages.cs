using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoomLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RoomLanguages",
                table: "Sessions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Scenarios",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RoomLanguages",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Scenarios");
        }
    }
}
